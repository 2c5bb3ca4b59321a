// Moving a booking to another free slot of its store (改期).
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { FormModal, useStateFor } from '../../kit/index.ts';
import { dateIn, timeIn, todayIn, type Appointment } from './appointments.ts';
import SlotPicker from './SlotPicker.tsx';

export function RescheduleModal({
  appointment,
  onClose,
  onMoved,
}: {
  appointment: Appointment | null;
  onClose: () => void;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  // The booking's day, or today when that has passed; no slot picked yet.
  const firstDay = appointment
    ? [dateIn(appointment.startsAt, appointment.timeZone), todayIn(appointment.timeZone)].sort()[1]!
    : '';
  const [date, setDate] = useStateFor(appointment, firstDay);
  const [startsAt, setStartsAt] = useStateFor<string | undefined>(appointment, undefined);

  async function submit() {
    try {
      await unwrap(
        api.POST('/api/v1/staff/appointments/{id}/reschedule', {
          params: { path: { id: appointment!.id } },
          body: { startsAt: startsAt! },
        }),
      );
    } catch (err) {
      setStartsAt(undefined); // the slot was taken meanwhile: pick another
      throw err;
    }
  }

  return (
    <FormModal
      open={appointment !== null}
      title={t('appointments.rescheduleTitle', {
        name: appointment?.customer.name ?? '',
        time: appointment ? timeIn(appointment.startsAt, appointment.timeZone) : '',
      })}
      okText={t('appointments.reschedule')}
      okDisabled={!startsAt}
      onSubmit={submit}
      onDone={onMoved}
      onClose={onClose}
      width={600}
    >
      {appointment && date && (
        <SlotPicker
          storeId={appointment.storeId}
          date={date}
          onDateChange={setDate}
          value={startsAt}
          onChange={setStartsAt}
          exclude={appointment.startsAt}
        />
      )}
    </FormModal>
  );
}
