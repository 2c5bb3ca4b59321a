// "Why" a due item is due, in the reader's language: what it is counted from and which of time
// or mileage comes first ("last done at X km on date Y; predicted to reach Z km on date W").
import type { Locale } from '../../kernel/errors.ts';
import type { DueItemDto } from './due.schemas.ts';

const km = (n: number) => n.toLocaleString('en-US');

interface Context {
  dailyKm: number | null;
  registrationDate: string | null;
  firstReading: { km: number; on: string } | null;
}

export function whyOf(locale: Locale, item: Omit<DueItemDto, 'why'>, c: Context): string {
  const zh = locale === 'zh-CN';
  const rate = c.dailyKm == null ? null : Math.round(c.dailyKm);
  const parts: string[] = [];
  switch (item.kind) {
    case 'insurance':
      return zh ? `保险到期日 ${item.dueDate}` : `Insurance expires on ${item.dueDate}`;
    case 'inspection':
      return zh ? `下次年检日期 ${item.dueDate}` : `Next annual inspection on ${item.dueDate}`;
    case 'warranty': {
      const years = (item.intervalMonths ?? 0) / 12;
      parts.push(
        zh
          ? `上牌日 ${c.registrationDate}，质保 ${years} 年${item.dueKm ? `或 ${km(item.dueKm)} km` : ''}`
          : `Registered on ${c.registrationDate}; warranty ${years} years${item.dueKm ? ` or ${km(item.dueKm)} km` : ''}`,
      );
      break;
    }
    case 'recall':
    case 'custom':
      parts.push(zh ? '由员工录入' : 'Entered by staff');
      break;
    case 'maintenance':
      if (item.basis === 'service')
        parts.push(
          item.lastDoneKm != null
            ? zh
              ? `上次 ${item.lastDoneOn} 在 ${km(item.lastDoneKm)} km 做过`
              : `Last done at ${km(item.lastDoneKm)} km on ${item.lastDoneOn}`
            : zh
              ? `上次 ${item.lastDoneOn} 做过`
              : `Last done on ${item.lastDoneOn}`,
        );
      else if (item.basis === 'registration')
        parts.push(
          zh
            ? `没有该项目的记录，自上牌日 ${c.registrationDate} 起算`
            : `No record of it; counted from registration on ${c.registrationDate}`,
        );
      else if (item.basis === 'first_reading' && c.firstReading)
        parts.push(
          zh
            ? `没有该项目的记录，自首次里程记录（${c.firstReading.on}，${km(c.firstReading.km)} km）起算`
            : `No record of it; counted from the first reading (${km(c.firstReading.km)} km on ${c.firstReading.on})`,
        );
      else parts.push(zh ? '没有该项目的记录' : 'No record of it');
      break;
  }
  if (item.trigger === 'mileage' && item.dueKm != null)
    parts.push(
      zh
        ? `按每天约 ${rate} km，预计 ${item.dueDate} 达到 ${km(item.dueKm)} km`
        : `predicted to reach ${km(item.dueKm)} km on ${item.dueDate} (about ${rate} km a day)`,
    );
  else if (item.kind === 'maintenance') {
    parts.push(
      zh
        ? `每 ${item.intervalMonths} 个月一次，${item.dueDate} 到期`
        : `every ${item.intervalMonths} months: due on ${item.dueDate}`,
    );
    if (
      item.dueKm != null &&
      item.predictedKmOnDueDate != null &&
      item.predictedKmOnDueDate < item.dueKm
    )
      parts.push(
        zh
          ? `届时预计约 ${km(item.predictedKmOnDueDate)} km，未到 ${km(item.dueKm)} km`
          : `predicted ${km(item.predictedKmOnDueDate)} km by then, below ${km(item.dueKm)} km`,
      );
  } else if (item.kind !== 'warranty')
    parts.push(zh ? `${item.dueDate} 到期` : `due on ${item.dueDate}`);
  else parts.push(zh ? `${item.dueDate} 到期` : `ends on ${item.dueDate}`);
  return parts.join(zh ? '；' : '; ');
}
