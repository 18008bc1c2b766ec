/**
 * Every readable document of a collection (`Documents.all`): `batch` ids read at once; a document
 * that is gone meanwhile (`readText` gives undefined), is not JSON or fails its schema is left out
 * (its own page names the problem).
 */
export async function readAllDocuments<T>(
  ids: string[],
  batch: number,
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } },
  readText: (id: string) => Promise<string | undefined>,
): Promise<T[]> {
  const documents: T[] = [];
  for (let i = 0; i < ids.length; i += batch) {
    const read = await Promise.all(
      ids.slice(i, i + batch).map(async (id) => {
        const text = await readText(id);
        if (text === undefined) return undefined; // removed meanwhile
        try {
          const parsed = schema.safeParse(JSON.parse(text));
          return parsed.success ? parsed.data : undefined;
        } catch {
          return undefined;
        }
      }),
    );
    for (const document of read) if (document !== undefined) documents.push(document);
  }
  return documents;
}
