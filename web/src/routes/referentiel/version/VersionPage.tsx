/** /referentiel/$code: the whole version, section by section, every fact read from the API. */
import { Grid, NavLink, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useLocation } from '@tanstack/react-router';
import { useEffect } from 'react';
import { AnchorLink } from '../../../components/links';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { usePageTitle } from '../../../components/PageHeader';
import { versionQuery } from '../queries';
import { AccessRoutesSection } from './AccessRoutesSection';
import { AdmissionSection } from './AdmissionSection';
import { BlocsSection } from './BlocsSection';
import { CodesSection } from './CodesSection';
import { HoursSection } from './HoursSection';
import { LineageSection } from './LineageSection';
import { ModulesSection } from './ModulesSection';
import { OverviewSection } from './OverviewSection';
import { PricesSection } from './PricesSection';
import { SourcesSection } from './SourcesSection';
import { ValiditySection } from './ValiditySection';
import { VersionHeader } from './VersionHeader';
import { EvaluationPlanSection } from '../../evaluations/EvaluationPlanSection';

const route = getRouteApi('/_app/referentiel/$code');

export const SECTIONS = [
  { id: 'presentation', label: 'Présentation' },
  { id: 'blocs', label: 'Blocs de compétences' },
  { id: 'maquette', label: 'Maquette horaire' },
  { id: 'modules', label: 'Modules' },
  { id: 'admission', label: 'Admission' },
  { id: 'voies-acces', label: 'Voies d’accès et jurys' },
  { id: 'validite', label: 'Validité des blocs' },
  { id: 'evaluation', label: 'Plan d’évaluation' },
  { id: 'tarifs', label: 'Tarifs' },
  { id: 'filiation', label: 'Filiation' },
  { id: 'codes', label: 'Codes' },
  { id: 'sources', label: 'Sources' },
] as const;

export function VersionPage() {
  const { code } = route.useParams();
  const { data: version, error, isPending } = useQuery(versionQuery(code));
  const hash = useLocation({ select: (l) => l.hash });

  // A link to a section (/referentiel/RNCP41336#maquette) scrolls there once the version is shown.
  useEffect(() => {
    if (version && hash) document.getElementById(hash)?.scrollIntoView();
  }, [version, hash]);

  if (isPending) return <PageLoader label="Chargement de la version…" />;
  if (error) return <VersionError code={code} error={error} />;

  const doc = version.document;
  return (
    <Stack gap="lg">
      <AnchorLink to="/referentiel">← Toutes les versions</AnchorLink>
      <VersionHeader version={version} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 9 }} order={{ base: 2, lg: 1 }}>
          <Stack gap="lg">
            <OverviewSection doc={doc} />
            <BlocsSection doc={doc} />
            <HoursSection doc={doc} totals={version.hourTotals} />
            <ModulesSection doc={doc} />
            <AdmissionSection doc={doc} />
            <AccessRoutesSection doc={doc} />
            <ValiditySection doc={doc} />
            {doc.evaluationPlan && <EvaluationPlanSection code={version.code} />}
            <PricesSection doc={doc} />
            <LineageSection lineage={version.lineage} current={version.code} />
            <CodesSection doc={doc} />
            <SourcesSection doc={doc} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }} order={{ base: 1, lg: 2 }}>
          <nav aria-label="Sections de la version" style={{ position: 'sticky', top: 76 }}>
            {SECTIONS.map((s) => (
              <NavLink key={s.id} href={`#${s.id}`} label={s.label} component="a" py={4} />
            ))}
          </nav>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function VersionError({ code, error }: { code: string; error: Error }) {
  usePageTitle(`Version ${code}`);
  return (
    <Stack gap="md">
      <AnchorLink to="/referentiel">← Toutes les versions</AnchorLink>
      <Title order={1}>Version {code}</Title>
      <ErrorAlert error={error} title="Version introuvable ou inaccessible" />
    </Stack>
  );
}
