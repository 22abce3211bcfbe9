/** Attendance (émargement) statuses and absence-justification statuses, with their French labels. */
export const ATTENDANCE_STATUS_VALUES = ['present', 'absent', 'late', 'excused'] as const;
export type TAttendanceStatus = (typeof ATTENDANCE_STATUS_VALUES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<TAttendanceStatus, string> = {
  present: 'Présent·e',
  absent: 'Absent·e',
  late: 'En retard',
  excused: 'Excusé·e',
};

export const JUSTIFICATION_STATUS_VALUES = ['pending', 'accepted', 'refused'] as const;
export type TJustificationStatus = (typeof JUSTIFICATION_STATUS_VALUES)[number];
export const JUSTIFICATION_STATUS_LABELS: Record<TJustificationStatus, string> = {
  pending: 'En attente',
  accepted: 'Accepté',
  refused: 'Refusé',
};
