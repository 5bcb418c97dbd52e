import { Card } from "antd";
import type { ReactNode } from "react";

/** One section of the case page: a titled card with a stable test id. */
export function Section({
  qa,
  title,
  extra,
  children,
}: {
  qa: string;
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section data-qa={qa} className="case-section">
      <Card size="small" title={title} extra={extra}>
        {children}
      </Card>
    </section>
  );
}
