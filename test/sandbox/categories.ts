/** Brex's 48 expense categories, read from the vendored Expenses spec. */
import spec from '../../specs/brex/expenses_api.2025-03.json';

export const CATEGORIES: readonly string[] = (
  spec as unknown as { components: { schemas: { Category: { enum: string[] } } } }
).components.schemas.Category.enum;
