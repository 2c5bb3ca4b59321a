// What receipts plugs into the application (wired by the composition root, src/modules.ts).
// Receipts: the printed order and till slip, the owner's e-receipt, and invoice requests.
import type { ModuleDef } from '../../app/module.ts';
import { receiptsRoutes } from './receipts.routes.ts';

export const receiptsModule: ModuleDef = { name: 'receipts', routes: [receiptsRoutes] };
