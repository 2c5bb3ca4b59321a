// The customer's profile on their page: name, the profile's fields, and the actions on the
// customer (open an order, book, converse, merge, data request, edit).
import { Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, unwrap, useStaff } from '../../api.ts';
import { EMPTY, formatDate, formatDateTime, formatDay } from '../../kit/format.ts';
import { useLoad } from '../../kit/index.ts';
import type { Customer } from '../../types.ts';
import { DataRequestButton } from '../privacy/index.ts';
import { BookForCustomerButton } from '../appointments/index.ts';
import { ConversationLink } from '../inbox/index.ts';
import { OpenOrderForCustomer } from '../service/index.ts';
import MergeCustomerButton from './MergeCustomerButton.tsx';
import { RevealPhone } from './RevealPhoneButton.tsx';

export function CustomerProfileCard({
  customer,
  onChanged,
  onEdit,
}: {
  customer: Customer;
  /** After a merge: the customer as it is now. */
  onChanged(customer: Customer): void;
  /** Absent for roles that may not edit customers. */
  onEdit?: () => void;
}) {
  const { t } = useTranslation();
  const staff = useStaff();
  const timeZone = staff.tenant.timezone;
  // The tenant's stores, not only the staff member's: a customer of another store is named too.
  const stores = useLoad(() => unwrap(api.GET('/api/v1/staff/stores')), []);
  const homeStore =
    stores.data?.items.find((s) => s.id === customer.homeStoreId) ??
    staff.stores.find((s) => s.id === customer.homeStoreId);
  const profile: DescriptionsProps['items'] = [
    {
      key: 'memberNo',
      label: t('customer.memberNo'),
      children: <span data-testid="customer-member-no">{customer.memberNo}</span>,
    },
    {
      key: 'phone',
      label: t('customer.phone'),
      children: customer.erasedAt ? (
        <Tag data-testid="customer-erased">{t('privacy.erased')}</Tag>
      ) : (
        <RevealPhone customerId={customer.id} phone={customer.phone} />
      ),
    },
    { key: 'gender', label: t('customer.gender'), children: t(`gender.${customer.gender}`) },
    { key: 'birthday', label: t('customer.birthday'), children: formatDate(customer.birthday) },
    {
      key: 'tags',
      label: t('customer.tags'),
      children:
        customer.tags.length === 0 ? (
          EMPTY
        ) : (
          <Flex wrap gap={4}>
            {customer.tags.map((tag) => (
              <Tag key={tag} variant="filled" style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      key: 'source',
      label: t('customer.source'),
      children: customer.source
        ? t(`source.${customer.source}`, { defaultValue: customer.source })
        : EMPTY,
    },
    {
      key: 'homeStore',
      label: t('customer.homeStore'),
      children: (
        <span data-testid="customer-home-store">
          {homeStore?.name ??
            (customer.homeStoreId && stores.data ? t('customerDetail.otherStore') : EMPTY)}
        </span>
      ),
    },
    {
      key: 'lastVisit',
      label: t('customer.lastVisit'),
      children: formatDay(customer.lastVisitAt, timeZone),
    },
    {
      key: 'preferredChannel',
      label: t('profile.customer.preferredChannel'),
      children: (
        <span data-testid="customer-preferred-channel">
          {customer.preferredChannel
            ? t(`profile.channel.${customer.preferredChannel}`)
            : t('profile.customer.noPreference')}
        </span>
      ),
    },
    {
      key: 'language',
      label: t('profile.customer.language'),
      children: t(`profile.language.${customer.language}`, { defaultValue: customer.language }),
    },
    {
      key: 'timezone',
      label: t('profile.customer.timezone'),
      children:
        customer.timezone ?? t('profile.customer.tenantTimezone', { tz: staff.tenant.timezone }),
    },
    {
      key: 'createdAt',
      label: t('customer.createdAt'),
      children: formatDateTime(customer.createdAt, timeZone),
    },
    {
      key: 'updatedAt',
      label: t('customer.updatedAt'),
      children: formatDateTime(customer.updatedAt, timeZone),
    },
    {
      key: 'email',
      label: t('channels.customerEmail'),
      children: customer.email ?? EMPTY,
    },
    { key: 'address', label: t('privacy.address'), children: customer.address ?? EMPTY },
    {
      key: 'personalised',
      label: t('privacy.personalisedMarketing'),
      children: customer.personalisedMarketing ? t('privacy.allowed') : t('privacy.objected'),
    },
    {
      key: 'notes',
      label: t('customer.notes'),
      span: 3,
      children: customer.notes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {customer.notes}
        </Typography.Paragraph>
      ) : (
        EMPTY
      ),
    },
  ];

  return (
    <Card
      title={
        <Flex align="baseline" gap={12}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-name">
            {customer.name ?? (
              <Typography.Text type="secondary" style={{ fontSize: 'inherit' }}>
                {t('customer.unnamed')}
              </Typography.Text>
            )}
          </Typography.Title>
        </Flex>
      }
      extra={
        <Flex gap={8} wrap>
          {!customer.erasedAt && <OpenOrderForCustomer vehicles={customer.vehicles} />}
          <BookForCustomerButton customer={customer} />
          <ConversationLink customerId={customer.id} />
          <MergeCustomerButton customer={customer} onMerged={onChanged} />
          {!customer.erasedAt && <DataRequestButton customerId={customer.id} />}
          {onEdit && (
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="customer-edit">
              {t('customerDetail.edit')}
            </Button>
          )}
        </Flex>
      }
    >
      <Descriptions column={3} items={profile} />
    </Card>
  );
}
