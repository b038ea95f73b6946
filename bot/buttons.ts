/** Buttons as the core describes them (a message key or a literal label) rendered in the reader's language. */
import type { Locale } from '../config.js';
import { t } from './messages/index.js';
import type { Button } from './ports.js';
import type { ButtonSpec } from './wizard/advance.js';

export function renderButtons(locale: Locale, specs: ButtonSpec[] | undefined): Button[] | undefined {
  return specs?.map((b) => ({
    actionId: b.actionId,
    value: b.value,
    label: b.label ?? t(locale, b.labelKey!),
    style: b.style,
  }));
}
