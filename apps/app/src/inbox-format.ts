/** Time of a message: the time today, the date and time before. */
export function messageTime(value: string, lang: string): string {
  const d = new Date(value);
  const now = new Date();
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString(locale, {
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
}
