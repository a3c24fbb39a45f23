"""form submissions and card attempts (issue 11: idempotent forms and payments)

Reviewed by hand:
- `form_submissions`: one row per form token used (the token is the primary key), the
  kind of record it created and that record's id, written in the record's own
  transaction: a form sent twice creates one record (marketplace/core/submissions.py).
- `payment_attempts`: each attempt is written before Stripe is called, with `key`
  (unique; also Stripe's idempotency key) and without an intent id yet, so `intent_id`
  becomes nullable; `intent_status` keeps what Stripe said at creation; the status
  CHECK gains `refunded` (a second payment of an order already paid, given back).
  Existing attempts get the key `legacy-<id>`.
- `refunds`: the status CHECK gains `pending` (a refund decided and recorded by the
  webhook's transaction; Stripe is called through the outbox).

Revision ID: 7f3a9c2d5e10
Revises: 1b38f809316d
Create Date: 2026-11-29 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '7f3a9c2d5e10'
down_revision = '1b38f809316d'
branch_labels = None
depends_on = None

ATTEMPT_STATUS_OLD = ('pending', 'succeeded', 'failed')
ATTEMPT_STATUS_NEW = ATTEMPT_STATUS_OLD + ('refunded',)
REFUND_STATUS_OLD = ('succeeded', 'manual')
REFUND_STATUS_NEW = ('pending',) + REFUND_STATUS_OLD


def _in_list(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade():
    op.create_table('form_submissions',
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('token', name=op.f('pk_form_submissions'))
    )
    with op.batch_alter_table('form_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_submissions_created_at'), ['created_at'], unique=False)

    with op.batch_alter_table('payment_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('intent_status', sa.String(length=40), nullable=True))
    attempts = sa.table('payment_attempts', sa.column('id', sa.Integer()), sa.column('key', sa.String(120)))
    op.execute(attempts.update().values(key=sa.literal('legacy-') + sa.cast(attempts.c.id, sa.String(20))))
    with op.batch_alter_table('payment_attempts', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sa.String(length=120), nullable=False)
        batch_op.alter_column('intent_id', existing_type=sa.String(length=255), nullable=True)
        batch_op.create_unique_constraint(batch_op.f('uq_payment_attempts_key'), ['key'])
        batch_op.drop_constraint(op.f('ck_payment_attempts_attempt_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_payment_attempts_attempt_status'),
                                         _in_list('status', ATTEMPT_STATUS_NEW))

    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_refunds_refund_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_refunds_refund_status'), _in_list('status', REFUND_STATUS_NEW))


def downgrade():
    # Pending refunds were decided but not sent: they stay visible to staff as manual ones.
    refunds = sa.table('refunds', sa.column('status', sa.String(20)))
    op.execute(refunds.update().where(refunds.c.status == 'pending').values(status='manual'))
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_refunds_refund_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_refunds_refund_status'), _in_list('status', REFUND_STATUS_OLD))

    # Attempts that never got an intent cannot be kept without one; a refunded one was a success.
    attempts = sa.table('payment_attempts', sa.column('intent_id', sa.String(255)), sa.column('status', sa.String(20)))
    op.execute(attempts.delete().where(attempts.c.intent_id.is_(None)))
    op.execute(attempts.update().where(attempts.c.status == 'refunded').values(status='succeeded'))
    with op.batch_alter_table('payment_attempts', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_payment_attempts_attempt_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_payment_attempts_attempt_status'),
                                         _in_list('status', ATTEMPT_STATUS_OLD))
        batch_op.drop_constraint(batch_op.f('uq_payment_attempts_key'), type_='unique')
        batch_op.alter_column('intent_id', existing_type=sa.String(length=255), nullable=False)
        batch_op.drop_column('intent_status')
        batch_op.drop_column('key')

    with op.batch_alter_table('form_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_submissions_created_at'))
    op.drop_table('form_submissions')
