// Group deals (拼团): deals that happen only if enough owners join before the deadline, joiners'
// prices held in loyalty's escrow, settlement capturing or releasing every hold exactly once.
export { deals, dealParticipations, dealStores, PARTICIPATION_STATUSES } from './deals.tables.ts';
export { DealSchema, type DealDto } from './deals.schemas.ts';
export { getDeal, listDeals } from './deal-read.ts';
export { createDeal, publishDeal, cancelDeal } from './deals.service.ts';
export { joinDeal, leaveDeal } from './joining.ts';
export { settleDealNow, settleDueDeals } from './settlement.ts';
export { dealCounts, type DealCounts } from './reports.ts';
export { DEAL_JOBS, settleDueDealsEverywhere } from './deals.jobs.ts';
export { onDealsMerge } from './merge.ts';
export { seedDemoDeals } from './demo.ts';
