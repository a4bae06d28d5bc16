// Browser tests need Debian's Chromium, CJK fonts (or every Chinese glyph prints as a
// box), poppler-utils (pdftotext/pdftoppm) and LibreOffice Writer without its GUI (the
// Word file is checked as LibreOffice opens it: tests/e2e/docx.spec.ts). Install them when we can; otherwise stop
// and say what is missing: a browser test is never skipped silently.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const need = [];
if (!existsSync('/usr/bin/chromium')) need.push('chromium');
if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) need.push('fonts-noto-cjk');
if (!existsSync('/usr/bin/pdftotext') || !existsSync('/usr/bin/pdftoppm')) need.push('poppler-utils');
if (!existsSync('/usr/bin/soffice') || !existsSync('/usr/lib/libreoffice/program/libswlo.so')) {
  need.push('libreoffice-writer-nogui');
}

if (need.length) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let hasApt = false;
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    hasApt = true;
  } catch {}
  if (!isRoot || !hasApt) {
    console.error(`浏览器测试缺少：${need.join(' ')}。请先安装：sudo apt-get install -y ${need.join(' ')}`);
    console.error(`Browser tests need: apt-get install -y ${need.join(' ')}`);
    process.exit(1);
  }
  console.log(`installing ${need.join(' ')} …`);
  execSync('apt-get update -qq', { stdio: 'inherit' });
  execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${need.join(' ')}`, { stdio: 'inherit' });
}
