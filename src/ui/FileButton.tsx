// A button of the app's own that opens the file picker: the browser's bare file field reads
// 「Choose File / No file chosen」 in an English browser and is unstyled in any. The hidden
// input keeps `inputLabel`, so screen readers and tests find it by name.
import { useRef } from 'react';

export interface FileButtonProps {
  /** The button's words. */
  label: string;
  /** The hidden file input's accessible name. */
  inputLabel: string;
  accept: string;
  onFile: (file: File) => void;
  className?: string;
}

export function FileButton({ label, inputLabel, accept, onFile, className }: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={inputLabel}
        accept={accept}
        onChange={(e) => {
          const f = e.target.files?.[0];
          // The same file may be picked again after fixing it.
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </>
  );
}
