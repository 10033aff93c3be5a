// A refusal or failure as the clerk reads it: a marked box that screen
// readers announce (role="alert"), drawn only when there is something to say.

import { Unbroken } from "./Unbroken";

export function ErrorBox(p: { text?: string | null | false; id?: string }) {
  if (!p.text) return null;
  return (
    <div class="error-box" role="alert" id={p.id}>
      <Unbroken text={p.text} />
    </div>
  );
}
