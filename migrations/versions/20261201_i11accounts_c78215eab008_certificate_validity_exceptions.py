"""certificate validity exceptions (issue 11, item 15)

An expiry later than the validity of shared/data/ocop.json (36 months after the
decision) is accepted only when an officer records why: the reason, who and when.
Existing rows are left as they are (no exception recorded).

Revision ID: c78215eab008
Revises: 6e39f544e3e9
Create Date: 2026-12-01 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c78215eab008'
down_revision = '6e39f544e3e9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('validity_exception_reason', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('validity_exception_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('validity_exception_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_certifications_validity_exception_by_id_users'), 'users',
                                    ['validity_exception_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_certifications_validity_exception_by_id_users'), type_='foreignkey')
        batch_op.drop_column('validity_exception_at')
        batch_op.drop_column('validity_exception_by_id')
        batch_op.drop_column('validity_exception_reason')
