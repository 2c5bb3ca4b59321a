// Every dashboard panel, in the order the console shows them. A new panel is one file in this
// folder and one line here.
import type { PanelDef } from '../panel.ts';
import { activeCustomersPanel } from './active-customers.ts';
import { campaignLiftPanel } from './campaign-lift.ts';
import { channelCostPanel } from './channel-cost.ts';
import { cohortRetentionPanel } from './cohort-retention.ts';
import { communityPanel } from './community.ts';
import { dueAdjustedRetentionPanel } from './due-adjusted-retention.ts';
import { pointsLiabilityPanel, storedValueLiabilityPanel } from './liabilities.ts';
import { newReturningPanel } from './new-returning.ts';
import { npsPanel } from './nps.ts';
import { referralSharePanel } from './referral-share.ts';
import { reminderConversionPanel } from './reminder-conversion.ts';
import { returnRatePanel } from './return-rate.ts';
import { rfmGridPanel } from './rfm-grid.ts';
import { topReferrersPanel } from './top-referrers.ts';

export const PANELS: PanelDef[] = [
  activeCustomersPanel,
  newReturningPanel,
  returnRatePanel,
  npsPanel,
  cohortRetentionPanel,
  dueAdjustedRetentionPanel,
  rfmGridPanel,
  campaignLiftPanel,
  reminderConversionPanel,
  channelCostPanel,
  referralSharePanel,
  topReferrersPanel,
  pointsLiabilityPanel,
  storedValueLiabilityPanel,
  communityPanel,
];
