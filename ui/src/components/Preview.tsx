// A printout shown before it is saved: every page drawn by pdf.js, so the
// clerk sees the notice exactly as it will hang on the board. pdf.js is
// loaded only when a preview opens; a page is drawn while it is near the
// view and let go when it scrolls away, so a 45-page notice stays light.

import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { PDFDocumentProxy, RenderTask } from "pdfjs-dist";
import { api, type Refused } from "../ipc/api";
import { say } from "../state";
import { ErrorBox } from "./ErrorBox";

interface Props {
  title: string;
  pdf: ArrayBuffer;
  onClose: () => void;
}

async function open(pdf: ArrayBuffer) {
  const [pdfjs, worker] = await Promise.all([import("pdfjs-dist"), import("pdfjs-dist/build/pdf.worker.min.mjs?url")]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  // Nothing to fetch: the printout embeds its fonts and has no images.
  return pdfjs.getDocument({ data: new Uint8Array(pdf), useWasm: false });
}

/**
 * A screen's printing: `print` makes a printout (`making` while it runs)
 * and opens the preview on it; a refusal is thrown on to the caller.
 * `onClose` runs when the preview is closed.
 */
export function usePreview(onClose?: () => void) {
  const [shown, setShown] = useState<{ title: string; pdf: ArrayBuffer } | null>(null);
  const [making, setMaking] = useState(false);
  const print = async (title: string, make: () => Promise<ArrayBuffer>) => {
    setMaking(true);
    try {
      setShown({ title, pdf: await make() });
    } finally {
      setMaking(false);
    }
  };
  const close = () => {
    setShown(null);
    onClose?.();
  };
  return { making, print, preview: shown && <Preview title={shown.title} pdf={shown.pdf} onClose={close} /> };
}

function Preview(p: Props) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [aspect, setAspect] = useState(Math.SQRT2);
  const [failed, setFailed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = useRef<HTMLButtonElement>(null);
  const pages = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let loading: Awaited<ReturnType<typeof open>> | null = null;
    let gone = false;
    open(p.pdf)
      .then(async (task) => {
        loading = task;
        if (gone) return void task.destroy();
        const d = await task.promise;
        const first = (await d.getPage(1)).getViewport({ scale: 1 });
        if (gone) return;
        setAspect(first.height / first.width);
        setDoc(d);
      })
      .catch((e) => !gone && setFailed(String(e?.message ?? e)));
    return () => {
      gone = true;
      void loading?.destroy();
    };
  }, [p.pdf]);

  // Before the first paint, like a dialog's focus (Modal).
  useLayoutEffect(() => save.current?.focus(), []);

  const saveAndPrint = async () => {
    setSaving(true);
    try {
      const saved = await api.savePrintout();
      if (saved) {
        say(
          saved.opened
            ? `已保存为 ${saved.path}，并已用 PDF 阅读器打开，可从那里打印`
            : `已保存为 ${saved.path}。这台电脑上没有找到 PDF 阅读器，请装一个，或把文件拷到能打印的电脑上打印`,
        );
        p.onClose();
      }
    } catch (e) {
      setFailed((e as Refused).message);
    } finally {
      setSaving(false);
    }
  };

  // Focus rests on 保存并打印…; the page keys still turn the pages.
  const keys = (e: KeyboardEvent) => {
    const el = pages.current;
    const step = { PageDown: 0.9, PageUp: -0.9, ArrowDown: 0.1, ArrowUp: -0.1 }[e.key];
    if (e.key === "Escape") p.onClose();
    else if (e.key === "p" && e.ctrlKey) {
      e.preventDefault();
      void saveAndPrint();
    } else if (step && el && e.target !== el) {
      e.preventDefault();
      el.scrollBy({ top: step * el.clientHeight });
    }
  };

  return (
    <div class="preview" role="dialog" aria-modal="true" aria-label={p.title} onKeyDown={keys}>
      <header>
        <h2>{p.title}</h2>
        <span id="preview-pages" class="muted">
          {doc ? `共 ${doc.numPages} 页` : failed ? "" : "正在排版…"}
        </span>
        <span class="spacer" />
        <button onClick={p.onClose}>关闭</button>
        <button ref={save} id="save-printout" class="primary" disabled={saving} onClick={saveAndPrint}>
          {saving ? "请稍候…" : "保存并打印…"}
        </button>
      </header>
      <ErrorBox text={failed} />
      <div class="preview-pages" ref={pages} tabIndex={0}>
        {doc &&
          Array.from({ length: doc.numPages }, (_, i) => (
            <Page key={i} doc={doc} number={i + 1} aspect={aspect} root={pages.current} />
          ))}
      </div>
    </div>
  );
}

function Page(p: { doc: PDFDocumentProxy; number: number; aspect: number; root: HTMLElement | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current!;
    let task: RenderTask | null = null;
    let wanted = false;
    const draw = async () => {
      wanted = true;
      if (task) return;
      const page = await p.doc.getPage(p.number);
      if (!wanted || task) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (c.clientWidth * ratio) / page.getViewport({ scale: 1 }).width });
      c.width = Math.floor(viewport.width);
      c.height = Math.floor(viewport.height);
      task = page.render({ canvas: c, viewport });
      await task.promise.catch(() => {});
    };
    // A page scrolled far away gives its pixels back.
    const forget = () => {
      wanted = false;
      task?.cancel();
      task = null;
      c.width = c.height = 0;
    };
    const seen = new IntersectionObserver(([e]) => (e.isIntersecting ? void draw() : forget()), {
      root: p.root,
      rootMargin: "100% 0px",
    });
    seen.observe(c);
    return () => {
      seen.disconnect();
      task?.cancel();
    };
  }, [p.doc, p.number, p.root]);
  return (
    <div class="preview-page" style={{ aspectRatio: `1 / ${p.aspect}` }}>
      <canvas ref={canvas} aria-label={`第 ${p.number} 页`} />
    </div>
  );
}
