// The shape of an error code: one HTTP status and a message in each UI language.

export type Messages = { 'zh-CN': string; en: string };

export interface CodeSpec {
  status: number;
  message: Messages;
}

export const code = (status: number, zh: string, en: string): CodeSpec => ({
  status,
  message: { 'zh-CN': zh, en },
});
