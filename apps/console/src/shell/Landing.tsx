// Where a signed-in person lands: the front desk on today's workbench, a partner merchant on its
// portal, anyone else (technicians) on the customer list.
import { Navigate } from 'react-router-dom';
import { useStaff } from '../api.ts';
import { WorkbenchPage, hasWorkbench } from '../features/workbench/index.ts';

export default function Landing() {
  const staff = useStaff();
  if (hasWorkbench(staff.role)) return <WorkbenchPage />;
  return <Navigate to={staff.role === 'partner' ? '/portal' : '/customers'} replace />;
}
