/** « Admission »: paths (diploma level, accepted diplomas, experience), situations, procedure. */
import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { EXPERIENCE_KIND_LABELS } from '../../../lib/labels';
import { Section, Unstated, type TDoc } from './common';

type TPath = NonNullable<TDoc['admission']>['paths'][number];

function years(n: number) {
  return `${String(n).replace('.', ',')} an${n >= 2 ? 's' : ''}`;
}

function PathCard({ path }: { path: TPath }) {
  const kinds = path.experienceKinds.map((k) => EXPERIENCE_KIND_LABELS[k]).join(' ou ');
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap="xs">
        <Group gap="xs" justify="space-between" align="flex-start">
          <Title order={3} style={{ flex: 1 }}>
            {path.label}
          </Title>
          <Badge color={path.outcome === 'eligible' ? 'green.9' : 'orange.9'} variant="filled" radius="sm" tt="none">
            {path.outcome === 'eligible' ? 'Admissible' : 'Par dérogation'}
          </Badge>
        </Group>
        <Text size="sm">{path.text}</Text>
        <List size="sm" spacing={4}>
          <List.Item>
            Diplôme :{' '}
            {path.minDiplomaLevel !== undefined ? `niveau ${path.minDiplomaLevel} minimum` : 'aucun diplôme exigé'}
            {path.acceptedDiplomas.length > 0 && ` — ou l’un de ces diplômes : ${path.acceptedDiplomas.join(' ; ')}`}
          </List.Item>
          <List.Item>
            Expérience : {path.minExperienceYears > 0 ? `${years(path.minExperienceYears)} minimum` : 'aucune durée exigée'}, {kinds}
          </List.Item>
          {path.minResponsibilityLevel !== undefined && (
            <List.Item>Niveau de responsabilité : {path.minResponsibilityLevel} minimum</List.Item>
          )}
        </List>
      </Stack>
    </Card>
  );
}

export function AdmissionSection({ doc }: { doc: TDoc }) {
  const a = doc.admission;
  if (!a) {
    return (
      <Section id="admission" title="Admission">
        <Unstated>Les sources de cette version ne donnent pas les conditions d’admission.</Unstated>
      </Section>
    );
  }
  return (
    <Section id="admission" title="Admission" sources={a.source}>
      {a.paths.length === 0 ? (
        <Unstated>Les sources ne décrivent pas de voie d’admission (seulement la procédure).</Unstated>
      ) : (
        a.paths.map((p) => <PathCard key={p.id} path={p} />)
      )}
      <List size="sm" spacing={4}>
        {a.applicantSituations && a.applicantSituations.length > 0 && (
          <List.Item>Candidat·es : {a.applicantSituations.join(', ')}.</List.Item>
        )}
        <List.Item>
          {a.oneApplicationPerPersonPerYear
            ? 'Une seule candidature par personne et par an.'
            : 'Les sources ne limitent pas le nombre de candidatures par an.'}
        </List.Item>
        {a.internshipForJobSeekers && (
          <List.Item>
            Demandeur·euses d’emploi : stage obligatoire d’au moins {a.internshipForJobSeekers.minWeeks} semaines pendant la formation.
          </List.Item>
        )}
      </List>
      {a.procedure && a.procedure.length > 0 && (
        <Stack gap={4}>
          <Title order={3}>Procédure</Title>
          <List type="ordered" size="sm" spacing={4}>
            {a.procedure.map((step, i) => (
              <List.Item key={i}>{step}</List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Section>
  );
}
