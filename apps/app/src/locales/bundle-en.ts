// The app's texts in one language: the base file with every feature's file merged over it (each
// feature keeps its strings under its own top-level key). Loaded on demand, one chunk per
// language, so a phone downloads only the language it shows.
import base from './en.json';

const features = import.meta.glob<{ default: Record<string, unknown> }>('./*/en.json', {
  eager: true,
});
const merged: Record<string, unknown> = { ...base };
for (const mod of Object.values(features)) Object.assign(merged, mod.default);
export default merged;
