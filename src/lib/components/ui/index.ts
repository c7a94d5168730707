// The design system's components (tokens are CSS custom properties in src/app.css).
export { default as Badge } from './Badge.svelte';
export { default as Banner } from './Banner.svelte';
export { default as Button } from './Button.svelte';
export { default as Card } from './Card.svelte';
export { default as CheckRow } from './CheckRow.svelte';
export { default as CopyButton } from './CopyButton.svelte';
export { default as CopyField } from './CopyField.svelte';
export { default as Field } from './Field.svelte';
export { default as Icon } from './Icon.svelte';
export { default as LinkButton } from './LinkButton.svelte';
export { default as OptionRow } from './OptionRow.svelte';
export { default as RadioRow } from './RadioRow.svelte';
export { default as SegmentedControl } from './SegmentedControl.svelte';
export { default as Table } from './Table.svelte';
export type { IconName } from './icons';
