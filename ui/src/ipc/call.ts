// Calling a command of the app: what every generated call in bindings.ts
// goes through. A refusal arrives as `Refused`: a Chinese sentence, the
// field it is about, and (where the window acts on it) its code.

import { invoke } from "@tauri-apps/api/core";
import type { FailureCode, Failure, Field } from "./bindings";

export class Refused extends Error {
  constructor(
    message: string,
    readonly field: Field | null,
    readonly code: FailureCode | null = null,
    /** The households the refusal names (批量录入), which the form marks. */
    readonly households: string[] = [],
  ) {
    super(message);
  }
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    const f = e as Partial<Failure>;
    throw new Refused(
      typeof f?.message === "string" ? f.message : String(e),
      f?.field ?? null,
      f?.code ?? null,
      f?.households ?? [],
    );
  }
}
