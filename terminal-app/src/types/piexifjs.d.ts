// piexifjs 1.0.6 ships no types: the part of its API the app uses (pages/visit/exif.ts). Its "binary strings" hold one
// byte per UTF-16 code unit (latin1).
declare module 'piexifjs' {
  /** A tag's value as piexifjs reads and writes it: ASCII as a string, rationals as [numerator, denominator] pairs. */
  export type ExifValue = string | number | number[] | [number, number] | [number, number][];
  export type Ifd = Record<number, ExifValue>;
  export interface ExifDict {
    '0th'?: Ifd;
    Exif?: Ifd;
    GPS?: Ifd;
    Interop?: Ifd;
    '1st'?: Ifd;
    thumbnail?: string | null;
  }
  interface Piexif {
    /** The EXIF of a JPEG (binary string or data URL), or of an "Exif\0\0…" segment payload. */
    load(data: string): Required<Omit<ExifDict, 'thumbnail'>> & { thumbnail: string | null };
    /** The "Exif\0\0…" segment payload for a dict. */
    dump(dict: ExifDict): string;
    insert(exif: string, jpeg: string): string;
    remove(jpeg: string): string;
    /** Tag tables by IFD ('Image' for 0th/1st): the type each tag is written with; tags not listed are skipped on load. */
    TAGS: Record<'Image' | 'Exif' | 'GPS' | 'Interop', Record<number, { name: string; type: string }>>;
    ImageIFD: Record<string, number>;
    ExifIFD: Record<string, number>;
    GPSIFD: Record<string, number>;
  }
  const piexif: Piexif;
  export default piexif;
}
