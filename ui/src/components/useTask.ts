// One piece of work at a time for a screen: busy while it runs (buttons
// disable themselves), and a refusal kept as the screen's error sentence —
// or handed to `onRefused` where the screen does more with it (marks the
// field it names, asks about likely duplicates).

import { useState } from "preact/hooks";
import type { Refused } from "../ipc/api";

export function useTask() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (what: () => Promise<void>, onRefused?: (r: Refused) => void) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      if (onRefused) onRefused(e as Refused);
      else setError((e as Refused).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
