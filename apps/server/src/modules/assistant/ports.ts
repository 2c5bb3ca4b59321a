// What the assistant needs from modules it does not import: the help centre's FAQ search and the
// complaint desk. The composition root sets them; without them it hands over to a person.
import type { Ctx } from '../../kernel/context.ts';

export interface HelpHit {
  entryId: string;
  question: string;
  answer: string;
  categoryId: string | null;
  score: number;
}

export type SearchHelp = (
  ctx: Ctx,
  input: { query: string; language: 'zh-CN' | 'en'; limit?: number },
) => Promise<{ hits: HelpHit[] }>;

export type OpenComplaint = (
  ctx: Ctx,
  input: {
    customerId: string;
    storeId?: string | null;
    vehicleId?: string | null;
    source: 'app' | 'staff' | 'survey' | 'assistant';
    category?: string;
    severity?: 'low' | 'medium' | 'high';
    summary: string;
    conversationId?: string | null;
    serviceOrderId?: string | null;
  },
) => Promise<{ ticketId: string; number: string; status: string }>;

export interface AssistantPorts {
  searchHelp?: SearchHelp | null;
  openComplaint?: OpenComplaint | null;
}

let ports: AssistantPorts = {};

/** Sets (or, with null, removes) the ports; a port left out keeps its current value. */
export function setAssistantPorts(next: AssistantPorts): void {
  ports = { ...ports, ...next };
}

export function assistantPorts(): Readonly<AssistantPorts> {
  return ports;
}
