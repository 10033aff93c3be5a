// One piece of work at a time for a screen: busy while it runs (buttons
// disable themselves), and a refusal kept as the screen's error sentence.

import { useState } from "preact/hooks";
import type { Refused } from "../ipc/api";

export function useTask() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError((e as Refused).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
