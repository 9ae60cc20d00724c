import { invalidRequest, mediaTypeProblem } from '@parley/core/provider';

/** A file for Upload Attachment: the multipart part `source`. */
export interface SunshineUploadFile {
  source: Blob;
  /** File name sent with the part; Sunshine shows it in the `mediaUrl`. */
  filename?: string;
  /**
   * The part's media type; default `source.type`. A Blob without a type goes as
   * `application/octet-stream`; an invalid media type is refused with `invalid_request`.
   */
  contentType?: string;
}

/**
 * The multipart body of Upload Attachment: one part `source`, with the file's media type and name.
 * The media type is checked first (`invalid_request` naming `file.contentType` or
 * `file.source.type`), since a Blob would silently drop one it cannot hold and the part would go
 * as `application/octet-stream`. The filename needs no check: FormData escapes `"`, CR and LF in
 * it, so no name can end the part's headers or add one.
 */
export function uploadForm(file: SunshineUploadFile, operation: string): FormData {
  const type = file.contentType ?? file.source.type;
  const problem = file.contentType !== undefined || type !== '' ? mediaTypeProblem(type) : undefined;
  if (problem !== undefined)
    throw invalidRequest(file.contentType === undefined ? 'file.source.type' : 'file.contentType', problem, {
      provider: 'sunshine',
      operation,
    });
  // Blob normalises its type to lower case: compare after that, so a matching Blob is not copied.
  const source =
    file.contentType === undefined || file.source.type === type.toLowerCase()
      ? file.source
      : new Blob([file.source], { type });
  const form = new FormData();
  if (file.filename === undefined) form.append('source', source);
  else form.append('source', source, file.filename);
  return form;
}
