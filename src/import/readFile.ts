// A dropped or chosen file as text. Clerks' .txt and saved pages are often GBK
// (Windows Notepad, older government sites): UTF-8 is tried first, strictly.

/** A saved report page is a few hundred KB; past this it is not one (and would freeze the page). */
export const MAX_PUBLISHED_BYTES = 5 * 1024 * 1024;

/** A file too large to be a report, refused before it is read. */
export class FileTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(
      `文件太大（约 ${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1)} MB）：年报网页或文本不应超过 5 MB，请确认选对了文件`,
    );
  }
}

export async function readTextFile(file: Blob): Promise<string> {
  if (file.size > MAX_PUBLISHED_BYTES) throw new FileTooLarge(file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export const looksLikeHtml = (name: string, text: string): boolean =>
  /\.html?$/i.test(name) || /^\s*(<!doctype html|<html|<table|<body|<div|<p[\s>])/i.test(text);
