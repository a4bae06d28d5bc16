/** The app's routes live in the URL hash (#report=<id>&step=…, #view=import, #view=collect&c=<id>). */
export function navigate(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}
