"""officers belong to a province

Revision ID: 7f3a9c1d2b40
Revises: c24e3ba5e66c
Create Date: 2026-11-29 17:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '7f3a9c1d2b40'
down_revision = 'c24e3ba5e66c'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: an officer account belongs to one of the 34 provinces or is national (NULL);
    # existing accounts stay national (accounts.jurisdiction).
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('province_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_province_id'), ['province_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_province_id_provinces'), 'provinces', ['province_id'], ['id'])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_province_id_provinces'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_province_id'))
        batch_op.drop_column('province_id')
