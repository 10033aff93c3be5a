// Evidence photos of a registration, fetched from the book only when
// shown (a list of 500 registrations loads none). A click shows one large.

import { useEffect, useState } from "preact/hooks";
import { api } from "../ipc/api";

/** The photo `key` as an object URL, let go when no longer shown. */
function usePhoto(key: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    api.photo(key).then((bytes) => {
      if (!live) return;
      made = URL.createObjectURL(new Blob([bytes], { type: "image/jpeg" }));
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [key]);
  return url;
}

function Thumb(p: { photoKey: string; onOpen: (key: string, from: HTMLButtonElement) => void }) {
  const url = usePhoto(p.photoKey);
  return (
    <button
      class="thumb"
      data-photo={p.photoKey}
      onClick={(e) => p.onOpen(p.photoKey, e.currentTarget)}
      title="点击放大"
      aria-label="证明照片，点击放大"
    >
      {url ? <img src={url} alt="证明照片" /> : <span class="muted">…</span>}
    </button>
  );
}

function Large(p: { photoKey: string; onClose: () => void }) {
  const url = usePhoto(p.photoKey);
  return (
    <div
      class="backdrop"
      onClick={p.onClose}
      onKeyDown={(e) => {
        // Only this one closes: a dialog around the thumbnails stays open.
        if (e.key !== "Escape") return;
        e.stopPropagation();
        p.onClose();
      }}
    >
      <div class="modal photo-large" role="dialog" aria-modal="true" aria-label="证明照片">
        {url && <img src={url} alt="证明照片" />}
        <div class="modal-actions">
          <button ref={(b) => b?.focus()} onClick={p.onClose}>
            关闭（Esc）
          </button>
        </div>
      </div>
    </div>
  );
}

/** A row of thumbnails; empty when there are none. Closing a large photo
 * gives the focus back to its thumbnail, so the next Esc reaches the
 * dialog around it: Esc always closes the top dialog. */
export function Photos(p: { keys: readonly string[] }) {
  const [large, setLarge] = useState<{ key: string; from: HTMLButtonElement } | null>(null);
  if (p.keys.length === 0) return null;
  const close = () => {
    large?.from.focus();
    setLarge(null);
  };
  return (
    <span class="photos">
      {p.keys.map((k) => (
        <Thumb key={k} photoKey={k} onOpen={(key, from) => setLarge({ key, from })} />
      ))}
      {large && <Large photoKey={large.key} onClose={close} />}
    </span>
  );
}
