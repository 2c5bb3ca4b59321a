// Assistant (智能助手): the self-service assistant that answers and acts in the owner's
// conversation — intents by rules, bookings through appointments, handover to a person.
export {
  assistantSettings,
  assistantSessions,
  assistantActions,
  ACTION_KINDS,
} from './assistant.tables.ts';
export { answerOwnerMessage } from './turn.ts';
export {
  setAssistantPorts,
  type AssistantPorts,
  type SearchHelp,
  type OpenComplaint,
} from './ports.ts';
export { loadAssistantSettings, saveAssistantSettings } from './settings.ts';
export { understand, detectLang, type Intent, type Understood } from './intent-rules.ts';
export { parseWhen } from './when-rules.ts';
export { seedDemoAssistant } from './demo.ts';
