import { type Cents, sum } from '../shared/money';
import { type OrderLine } from './events';

export const lineTotal = (line: OrderLine): Cents => line.quantity * line.unitPrice;
export const orderTotal = (lines: readonly OrderLine[]): Cents => sum(lines.map(lineTotal));
