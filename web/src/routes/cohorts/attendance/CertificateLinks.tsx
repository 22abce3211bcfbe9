/**
 * Downloads of the certificat de réalisation and the attestation d'assiduité of a learner over a
 * period (empty dates: from the promotion's start to today). Used by staff for each learner and by
 * the learner for themself; the API computes both from the attendance records.
 */
import { Button, Group, TextInput } from '@mantine/core';
import { IconFileCertificate, IconFileTypePdf } from '@tabler/icons-react';
import { fileHref, files } from '../../../lib/api';

export type TPeriod = { from: string; to: string };

/** « Du » / « Au » date inputs; an empty date leaves the API's default (promotion start, today). */
export function PeriodInputs({ value, onChange }: { value: TPeriod; onChange: (p: TPeriod) => void }) {
  const reversed = Boolean(value.from && value.to && value.from > value.to);
  return (
    <Group align="flex-start" gap="sm">
      <TextInput type="date" label="Période du" description="Vide : début de la promotion" value={value.from} onChange={(e) => onChange({ ...value, from: e.currentTarget.value })} w={200} />
      <TextInput
        type="date"
        label="au"
        description="Vide : aujourd’hui"
        value={value.to}
        onChange={(e) => onChange({ ...value, to: e.currentTarget.value })}
        error={reversed ? 'La fin de la période doit suivre son début.' : undefined}
        w={200}
      />
    </Group>
  );
}

function query(p: TPeriod) {
  return { ...(p.from ? { from: p.from } : {}), ...(p.to ? { to: p.to } : {}) };
}

export function certificateHrefs(cohortId: string, learnerId: string, p: TPeriod) {
  const learner = files.cohorts[':id'].learners[':learnerId'];
  const param = { id: cohortId, learnerId };
  return {
    completion: fileHref(learner['completion-certificate.pdf'].$url({ param, query: query(p) })),
    attendance: fileHref(learner['attendance-certificate.pdf'].$url({ param, query: query(p) })),
  };
}

/** The two downloads; `who` names the learner in the links' accessible names (staff's table). */
export function CertificateLinks({ cohortId, learnerId, period, who, size = 'xs' }: { cohortId: string; learnerId: string; period: TPeriod; who?: string; size?: 'xs' | 'sm' }) {
  const hrefs = certificateHrefs(cohortId, learnerId, period);
  const of = who ? ` de ${who}` : '';
  return (
    <Group gap={4} wrap="nowrap">
      <Button component="a" href={hrefs.completion} target="_blank" size={size} variant="default" leftSection={<IconFileCertificate size={14} aria-hidden />} aria-label={`Certificat de réalisation${of} (PDF)`}>
        Certificat de réalisation
      </Button>
      <Button component="a" href={hrefs.attendance} target="_blank" size={size} variant="default" leftSection={<IconFileTypePdf size={14} aria-hidden />} aria-label={`Attestation d’assiduité${of} (PDF)`}>
        Attestation d’assiduité
      </Button>
    </Group>
  );
}
