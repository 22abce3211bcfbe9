declare module '@socialgouv/jours-feries' {
  /** Public holidays of a year: French name → Date at local midnight. */
  export default function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
