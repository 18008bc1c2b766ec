import { sniff } from '../../src/documents/file-type';
import { elfBytes, ftyp, heicBytes, jpegBytes, pdfBytes, pngBytes, windowsExe } from './samples';

describe('the real file type, read from the bytes', () => {
  it.each([
    ['a PDF', pdfBytes, 'pdf'],
    ['a JPEG', jpegBytes, 'jpeg'],
    ['a PNG', pngBytes, 'png'],
    ['an iPhone HEIC photo', heicBytes, 'heic'],
    ['a HEIF image with HEVC content (mif1 + heic)', ftyp('mif1', 'heic'), 'heic'],
  ])('recognizes %s', (_name, bytes, kind) => {
    expect(sniff(bytes)).toBe(kind);
  });

  it.each([
    ['a Windows executable (named offer.pdf)', windowsExe],
    ['a Linux executable', elfBytes],
    ['an AVIF image (not HEIC)', ftyp('avif', 'mif1', 'avif')],
    ['an MP4 video', ftyp('isom', 'iso2', 'mp41')],
    ['a Word document (a ZIP)', Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1')],
    ['an HTML page that mentions %PDF- later on', Buffer.from('<html>%PDF-1.4</html>')],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated PNG signature', pngBytes.subarray(0, 5)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniff(bytes)).toBeUndefined();
  });
});
