// Who may use the import / export page (also asked by the menu).
import type { StaffMe } from '../../types.ts';

/** Who may import and export: owners and managers. */
export function canImport(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager';
}
