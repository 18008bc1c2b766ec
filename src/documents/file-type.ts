/**
 * What a file really is, read from its first bytes (never from its name or the type a browser
 * claims): only PDF, JPEG, PNG and HEIC are kept. An executable named "offer.pdf" is refused
 * because its bytes do not start like a PDF.
 */

export const documentKinds = ['pdf', 'jpeg', 'png', 'heic'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const mediaTypes: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
};

/** How many leading bytes `sniff` needs at most. */
export const SNIFF_BYTES = 64;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** HEIF brands of HEVC-coded images and sequences (ISO/IEC 23008-12); `mif1`/`msf1` are generic. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const GENERIC_HEIF = new Set(['mif1', 'msf1']);

function isHeic(bytes: Uint8Array): boolean {
  // an ISO base media file: a box size, then "ftyp", the major brand, a version, compatible brands
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (boxSize < 16 || boxSize % 4 !== 0) return false;
  const major = ascii(bytes, 8, 12);
  if (HEIC_BRANDS.has(major)) return true;
  if (!GENERIC_HEIF.has(major)) return false; // e.g. AVIF, MP4, QuickTime
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(boxSize, bytes.length); at += 4)
    compatible.push(ascii(bytes, at, at + 4));
  return compatible.some((brand) => HEIC_BRANDS.has(brand));
}

/** The kind of document these bytes are, or undefined when it is not one we keep. */
export function sniff(bytes: Uint8Array): DocumentKind | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // "%PDF-"
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (isHeic(bytes)) return 'heic';
  return undefined;
}
