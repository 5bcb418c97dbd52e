import { ToolOutlined } from "@ant-design/icons";
import { Card, Result } from "antd";
import type { NavItem } from "../nav.tsx";
import { usePageTitle } from "../usePageTitle.ts";

/** An honest placeholder for a capability that is not built yet: what it will do, and no made-up data. */
export default function UnderConstruction({ item }: { item: NavItem }) {
  usePageTitle(item.label);
  return (
    <Card title={item.label}>
      <div data-qa="under-construction">
        <Result
          icon={<ToolOutlined />}
          title="该功能正在建设中"
          subTitle={<span data-qa="feature-description">{item.description}</span>}
        />
      </div>
    </Card>
  );
}
