/**
 * A soutenance's convocation: the PDF (learner, date, time, room and place, the jury with its
 * presidency) and the calendar invitation, iCalendar METHOD:REQUEST (RFC 5546) with a stable UID
 * and the defence's SEQUENCE, so that an invitation sent after a change replaces the earlier one in
 * the attendees' calendars.
 */
import { eq } from 'drizzle-orm';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import type { TDbOrTx } from '../../../db/client.js';
import { formatLongDateFr } from '../../../lib/format.js';
import { COLORS, drawTable, renderOfficialDocument } from '../../../lib/pdf.js';
import { JURY_MEMBER_KIND_LABELS, type TJuryMemberKind } from '../../../shared/vocabulary/juries.js';
import { parisTime } from '../../calendar/calendar.service.js';
import { centres } from '../../centres/centres.tables.js';

type TPerson = { id: string; name: string; email: string; kind: TJuryMemberKind | null; organisation: string | null; president: boolean };

export type TConvocation = {
  id: string;
  sequence: number;
  sessionLabel: string;
  juryLabel: string;
  cohortName: string;
  centreId: string;
  certification: string;
  titleOfCertification: string;
  learner: TPerson;
  thesisTitle: string | null;
  date: string;
  start: string;
  end: string;
  room: { label: string; video: boolean };
  place: string;
  members: TPerson[];
  observers: TPerson[];
};

/** « 9 h 00 ». */
export const hourFr = (hhmm: string) => hhmm.replace(':', '\u00a0h\u00a0');

const asciiSlug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const convocationFileName = (c: TConvocation) => `convocation-soutenance-${asciiSlug(c.learner.name)}-${c.date}.pdf`;

/** The address of the mailbox in « Nom <adresse> » (the organizer of an invitation is a mailto:). */
const mailboxOf = (from: string) => {
  const m = /^(.*)<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1]!.trim().replace(/^"|"$/g, '') || 'MOVSC', email: m[2]!.trim() } : { name: 'MOVSC', email: from.trim() };
};

export function renderInvitation(c: TConvocation, o: { organizer: string; now: Date }): string {
  const cal = ical({ prodId: { company: 'Cnam-CESTES', product: 'MOVSC', language: 'FR' }, method: ICalCalendarMethod.REQUEST, name: c.sessionLabel });
  const where = c.room.video ? `${c.room.label} (visioconférence)` : `${c.room.label}, ${c.place}`;
  const attendee = (p: TPerson, role: ICalAttendeeRole) => ({ name: p.name, email: p.email, role, status: ICalAttendeeStatus.NEEDSACTION, rsvp: false });
  cal.createEvent({
    id: `soutenance-${c.id}@movsc`,
    sequence: c.sequence,
    start: parisTime(c.date, c.start),
    end: parisTime(c.date, c.end),
    stamp: o.now,
    summary: `Soutenance de ${c.learner.name} — ${c.juryLabel}`,
    location: where,
    description: [
      `${c.certification} — ${c.titleOfCertification}`,
      c.thesisTitle ? `Mémoire : « ${c.thesisTitle} »` : '',
      `Jury : ${c.members.map((m) => `${m.name}${m.president ? ' (présidence)' : ''}`).join(', ')}`,
      c.observers.length ? `Sans voix délibérative : ${c.observers.map((m) => m.name).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    organizer: mailboxOf(o.organizer),
    attendees: [
      attendee(c.learner, ICalAttendeeRole.REQ),
      ...c.members.filter((m) => m.email).map((m) => attendee(m, m.president ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ)),
      ...c.observers.filter((m) => m.email).map((m) => attendee(m, ICalAttendeeRole.OPT)),
    ].filter((a) => a.email),
  });
  return cal.toString();
}

export async function renderConvocationPdf(db: TDbOrTx, c: TConvocation, now: Date): Promise<Buffer> {
  const [centre] = await db.select().from(centres).where(eq(centres.id, c.centreId));
  const where = c.room.video ? `${c.room.label} (soutenance en visioconférence)` : `${c.room.label} — ${c.place}`;
  return renderOfficialDocument(
    { now, centre: centre!, certification: c.certification, title: 'Convocation à la soutenance', subtitle: `${c.sessionLabel} — ${c.cohortName}`, reference: `${c.learner.name} — ${c.juryLabel}` },
    (doc) => {
      doc.text(`${c.learner.name} est convoqué·e à la soutenance de son mémoire devant le jury « ${c.juryLabel} », dans le cadre du titre « ${c.titleOfCertification} » (${c.certification}).`);
      doc.moveDown(0.8);
      const line = (label: string, value: string) => doc.font('Helvetica-Bold').text(`${label} : `, { continued: true }).font('Helvetica').text(value);
      line('Date', formatLongDateFr(c.date));
      line('Horaire', `de ${hourFr(c.start)} à ${hourFr(c.end)}`);
      line('Salle', where);
      if (c.thesisTitle) line('Mémoire', `« ${c.thesisTitle} »`);
      doc.moveDown(0.8);
      doc.font('Helvetica-Bold').text('Composition du jury').font('Helvetica').moveDown(0.3);
      drawTable(
        doc,
        [
          { header: 'Membre', width: 170 },
          { header: 'Qualité', width: 170 },
          { header: 'Organisme', width: 155 },
        ],
        [
          ...c.members.map((m) => [`${m.name}${m.president ? ' (présidence)' : ''}`, m.kind ? JURY_MEMBER_KIND_LABELS[m.kind] : '', m.organisation ?? '']),
          ...c.observers.map((m) => [`${m.name} (sans voix délibérative)`, 'Direction du mémoire', m.organisation ?? '']),
        ],
      );
      doc.moveDown(0.5);
      doc.fillColor(COLORS.muted).fontSize(9);
      doc.text('Présentez-vous dix minutes avant l’horaire indiqué, muni·e d’une pièce d’identité. La soutenance comprend la présentation du mémoire puis un échange avec le jury.');
      doc.text('Cette convocation est adressée à l’auditeur·rice et aux membres du jury. Toute modification de date, d’horaire ou de salle donne lieu à une nouvelle convocation et à la mise à jour de l’invitation de calendrier.');
      doc.fillColor(COLORS.ink).fontSize(10);
    },
  );
}
