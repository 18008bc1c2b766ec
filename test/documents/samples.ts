/** Small files of each kind, made by hand so a test shows exactly which bytes decide. */

export const pdfBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n' +
    'Job offer letter for Ana Perez, software developer, CAD 98,000 a year.\n',
);

export const jpegBytes = Buffer.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  ...Buffer.from('JFIF\0'),
  0x01,
  0x01,
]);

export const pngBytes = Buffer.from([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  13,
  ...Buffer.from('IHDR'),
]);

/** An ISO base media file's "ftyp" box: size, "ftyp", major brand, version, compatible brands. */
export function ftyp(major: string, ...compatible: string[]): Buffer {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  return Buffer.concat([box, Buffer.from([0, 0, 0, 8, ...Buffer.from('meta')])]);
}

/** An iPhone photo's start: HEIC major brand. */
export const heicBytes = ftyp('heic', 'mif1', 'heic');

/** A Windows executable ("MZ", then a PE header further on). */
export const windowsExe = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.from('This program cannot be run in DOS mode.'),
]);

/** A Linux executable. */
export const elfBytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
