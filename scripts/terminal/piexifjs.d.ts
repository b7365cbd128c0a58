// piexifjs 1.0.6 ships no types: the part the simulator and the tests use to write a camera's EXIF into a JPEG.
declare module 'piexifjs' {
  type Rational = [number, number];
  type IfdValue = string | number | number[] | Rational | Rational[];
  interface ExifDict {
    '0th'?: Record<number, IfdValue>;
    Exif?: Record<number, IfdValue>;
    GPS?: Record<number, IfdValue>;
    Interop?: Record<number, IfdValue>;
    '1st'?: Record<number, IfdValue>;
    thumbnail?: string | null;
  }
  const piexif: {
    version: string;
    /** The EXIF segment for `dict`, as a binary (latin1) string. */
    dump(dict: ExifDict): string;
    /** The JPEG (binary string) with `exif` inserted; answers a binary string. */
    insert(exif: string, jpeg: string): string;
    load(jpeg: string): ExifDict;
    remove(jpeg: string): string;
    TAGS: Record<string, Record<number, { name: string; type: string }>>;
    ImageIFD: Record<string, number>;
    ExifIFD: Record<string, number>;
    GPSIFD: Record<string, number>;
  };
  export default piexif;
}
