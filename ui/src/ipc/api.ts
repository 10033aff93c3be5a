// The app's commands, as the screens call them: `api.addEntry(form)` and
// so on, generated with their types from the Rust list of commands
// (bindings.ts). A refusal arrives as `Refused` (call.ts).

export { commands as api } from "./bindings";
export { Refused } from "./call";
