// Common media types and their usual file extensions: one table read both ways, by an upload
// that needs an extension for its type and by a provider whose messages carry only URLs.
const byExtension: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A media type guessed from the extension of a file name, or of an absolute URL's path (its query
 * and fragment left out), for a provider that gives none; undefined when it is not a common one.
 *
 * @example
 * ```ts
 * mediaTypeFromName('https://cdn.example/u/Photo.PNG?sig=1'); // 'image/png'
 * mediaTypeFromName('notes') ?? 'application/octet-stream'; // 'application/octet-stream'
 * ```
 */
export function mediaTypeFromName(name: string): string | undefined {
  let path = name;
  try {
    path = new URL(name).pathname;
  } catch {
    // Not an absolute URL: guess from the text itself.
  }
  const extension = /\.([a-z0-9]{1,10})$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : byExtension[extension];
}

/** The usual extension of a (lower-case, parameterless) media type in the table, e.g. `jpg` for `image/jpeg`. */
export function usualExtension(mediaType: string): string | undefined {
  for (const extension in byExtension) if (byExtension[extension] === mediaType) return extension;
  return undefined;
}
