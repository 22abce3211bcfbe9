/** « Validité des blocs »: how long an acquired bloc stays valid, and the VAE rule. */
import { List } from '@mantine/core';
import { Note, Section, type TDoc } from './common';

export function ValiditySection({ doc }: { doc: TDoc }) {
  const v = doc.blocValidity;
  return (
    <Section id="validite" title="Validité des blocs" sources={v.source}>
      <List size="sm" spacing={4}>
        <List.Item>
          {v.years === null
            ? 'Les sources ne fixent pas de durée de validité des blocs acquis.'
            : `Un bloc acquis reste valable ${v.years} an${v.years > 1 ? 's' : ''}.`}
        </List.Item>
        <List.Item>
          {v.vaeWithoutLimit
            ? 'Les parties obtenues par la VAE sont acquises sans limite de durée.'
            : 'Les sources ne prévoient pas de conservation sans limite des parties obtenues par la VAE.'}
        </List.Item>
      </List>
      {v.note && <Note>{v.note}</Note>}
    </Section>
  );
}
