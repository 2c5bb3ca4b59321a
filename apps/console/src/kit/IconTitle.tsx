// A card's title: an icon before the words.
import type { ReactNode } from 'react';
import { Flex } from 'antd';

export function IconTitle({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Flex gap={8} align="center">
      {icon}
      {children}
    </Flex>
  );
}
