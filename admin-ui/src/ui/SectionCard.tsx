import type { ReactNode } from 'react';
import { Card, CardContent, CardHeader } from '@mui/material';
import { useTranslate } from 'react-admin';

export interface SectionCardProps {
  /** Translation key (or plain text) of the heading. */
  title: string;
  /** Right side of the heading: a chip, a count, a button. */
  action?: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
}

/** One titled block of a detail page. */
export function SectionCard({ title, action, children, ...rest }: SectionCardProps) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid={rest['data-testid']}>
      <CardHeader
        title={translate(title, { _: title })}
        action={action}
        slotProps={{ title: { variant: 'subtitle1', component: 'h2', fontWeight: 600 } }}
        sx={{ pb: 0, '& .MuiCardHeader-action': { alignSelf: 'center', m: 0 } }}
      />
      <CardContent>{children}</CardContent>
    </Card>
  );
}
