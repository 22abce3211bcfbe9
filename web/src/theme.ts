import {
  Badge,
  createTheme,
  Notification,
  NumberInput,
  PasswordInput,
  TextInput,
  type CSSVariablesResolver,
  type FileInputProps,
  type MantineColorsTuple,
  type ModalProps,
  type MultiSelectProps,
  type SelectProps,
} from '@mantine/core';
import type { DatePickerInputProps } from '@mantine/dates';

/**
 * Mantine defaults, made readable (WCAG AA, checked with axe): shade 8 for filled colors, and
 * darker 7–9 shades of green, orange and red, whose defaults are too light for white text.
 * Icon-only buttons that Mantine leaves unnamed (or names in English) get French labels.
 * Components that the sign-in screen does not show (Modal, Select, dates…) are configured by plain
 * objects, typed by their props only: importing them for `.extend` would put them in the first download.
 */
const green: MantineColorsTuple = ['#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#40c057', '#2b8a3e', '#237032', '#1b5e2a'];
const orange: MantineColorsTuple = ['#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#fd7e14', '#d9480f', '#b03a0c', '#8f2f0a'];
const red: MantineColorsTuple = ['#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#fa5252', '#e03131', '#c92a2a', '#a51d1d'];

const clear = { clearButtonProps: { 'aria-label': 'Effacer' } };

/**
 * Required fields: no asterisk span inside the label (its text would make the label « Nom * » for
 * tools that read label text); the label gets a class and styles.css draws the asterisk.
 */
const requiredLabel = {
  classNames: (_theme: unknown, props: { required?: boolean }) => (props.required ? { label: 'movsc-required' } : {}),
};
const noAsterisk = { withAsterisk: false };

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  colors: { green, orange, red },
  defaultRadius: 'sm',
  components: {
    // A badge keeps its whole label (« En vigueur », « Non certifiant ») instead of an ellipsis.
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } } }),
    // The modal's <header> would be a second "banner" landmark: it is only the dialog's title bar.
    // Wide tables scroll sideways on a phone: the scroller takes the focus so the keyboard can scroll it.
    TableScrollContainer: { defaultProps: { type: 'native', tabIndex: 0 } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' }, attributes: { header: { role: 'none' } } } satisfies Partial<ModalProps> },
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Fermer la notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    }),
    TextInput: TextInput.extend({ defaultProps: noAsterisk, ...requiredLabel }),
    // A number out of bounds stays as typed (level 9, year 1850) and the API's message says why:
    // Mantine would otherwise clamp it on blur to 8 or 1950 without a word. min/max only bound the arrows.
    NumberInput: NumberInput.extend({ defaultProps: { clampBehavior: 'none' } }),
    PasswordInput: PasswordInput.extend({
      defaultProps: { ...noAsterisk, visibilityToggleButtonProps: { 'aria-label': 'Afficher ou masquer la saisie' } },
      ...requiredLabel,
    }),
    Select: { defaultProps: { ...noAsterisk, ...clear } satisfies Partial<SelectProps>, ...requiredLabel },
    MultiSelect: { defaultProps: { ...noAsterisk, ...clear } satisfies Partial<MultiSelectProps>, ...requiredLabel },
    FileInput: { defaultProps: { ...noAsterisk, ...clear } satisfies Partial<FileInputProps>, ...requiredLabel },
    DatePickerInput: {
      ...requiredLabel,
      defaultProps: {
        ...noAsterisk,
        ...clear,
        nextLabel: 'Suivant',
        previousLabel: 'Précédent',
        ariaLabels: {
          monthLevelControl: 'Choisir le mois',
          yearLevelControl: 'Choisir l’année',
          nextMonth: 'Mois suivant',
          previousMonth: 'Mois précédent',
          nextYear: 'Année suivante',
          previousYear: 'Année précédente',
          nextDecade: 'Décennie suivante',
          previousDecade: 'Décennie précédente',
        },
      } satisfies Partial<DatePickerInputProps>,
    },
  },
  headings: { sizes: { h1: { fontSize: '1.75rem' }, h2: { fontSize: '1.35rem' }, h3: { fontSize: '1.1rem' } } },
});

/**
 * Secondary ("dimmed") and placeholder text darker than Mantine's grays, which fail contrast on white;
 * error text (field errors, the required asterisk) in red 8 (#c92a2a, 5.4:1 on white, 4.9:1 on a
 * light-red alert) instead of Mantine's red 6 (#fa5252, 3.28:1).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': '#6c757d',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});
