// The benchmark's floor: an empty page that reports its first painted
// frame the same way the app reports its first usable screen.
requestAnimationFrame(() =>
  requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("first_screen", { what: "floor" })),
);
