// A dropped or chosen file as text. Clerks' .txt and saved pages are often GBK
// (Windows Notepad, older government sites): UTF-8 is tried first, strictly.
export async function readTextFile(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export const looksLikeHtml = (name: string, text: string): boolean =>
  /\.html?$/i.test(name) || /^\s*(<!doctype html|<html|<table|<body|<div|<p[\s>])/i.test(text);
