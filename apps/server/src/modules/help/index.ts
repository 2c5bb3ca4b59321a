// Help center (帮助中心): owns the tenant's FAQ (categories, zh-CN/English entries, synonym
// groups, owners' helpful votes) and its search, which the self-service assistant also asks.
export { helpCategories, helpEntries, helpSynonyms, helpVotes } from './help.tables.ts';
export { searchHelp, type HelpHit } from './help-read.ts';
export { seedDemoHelp } from './demo.ts';
