"""programme plans and targets

Revision ID: ea2fa5491c6e
Revises: 013cd5c6e43b
Create Date: 2026-11-22 23:15:31.637369

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ea2fa5491c6e'
down_revision = '013cd5c6e43b'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: the whole schema of the programme domain. Local OCOP plans (a current
    # province, optionally a former province or a narrower area, a period in years, the
    # document; from_file marks the plans mirrored from shared/data/program_targets.json;
    # who created and last edited an officers' plan) and their targets (a metric code, a
    # value or a min/max range as integers in the unit: count, đồng, basis points for
    # shares; the quoted source sentence). The CHECKs keep "a value or a range" honest.
    op.create_table('programme_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('former_province_id', sa.Integer(), nullable=True),
    sa.Column('area', sa.String(length=200), nullable=True),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('end_year', sa.Integer(), nullable=False),
    sa.Column('document', sa.String(length=300), nullable=False),
    sa.Column('seed', sa.String(length=200), nullable=True),
    sa.Column('from_file', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('edited_by_id', sa.Integer(), nullable=True),
    sa.Column('edited_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('end_year >= start_year', name=op.f('ck_programme_plans_period_in_order')),
    sa.CheckConstraint('end_year BETWEEN 1990 AND 2100', name=op.f('ck_programme_plans_end_year_range')),
    sa.CheckConstraint('start_year BETWEEN 1990 AND 2100', name=op.f('ck_programme_plans_start_year_range')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_programme_plans_created_by_id_users')),
    sa.ForeignKeyConstraint(['edited_by_id'], ['users.id'], name=op.f('fk_programme_plans_edited_by_id_users')),
    sa.ForeignKeyConstraint(['former_province_id'], ['former_provinces.id'], name=op.f('fk_programme_plans_former_province_id_former_provinces')),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_programme_plans_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_plans')),
    sa.UniqueConstraint('slug', name=op.f('uq_programme_plans_slug'))
    )
    with op.batch_alter_table('programme_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_plans_former_province_id'), ['former_province_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_plans_province_id'), ['province_id'], unique=False)

    op.create_table('programme_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('metric', sa.String(length=60), nullable=False),
    sa.Column('unit', sa.Enum('count', 'share', 'vnd', name='target_unit', native_enum=False, create_constraint=True, length=10), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=True),
    sa.Column('min_value', sa.BigInteger(), nullable=True),
    sa.Column('max_value', sa.BigInteger(), nullable=True),
    sa.Column('source', sa.String(length=1000), nullable=False),
    sa.CheckConstraint('(value IS NOT NULL AND min_value IS NULL AND max_value IS NULL) OR (value IS NULL AND min_value IS NOT NULL AND (max_value IS NULL OR max_value >= min_value))', name=op.f('ck_programme_targets_value_or_range')),
    sa.CheckConstraint('(value IS NULL OR value >= 0) AND (min_value IS NULL OR min_value >= 0)', name=op.f('ck_programme_targets_not_negative')),
    sa.ForeignKeyConstraint(['plan_id'], ['programme_plans.id'], name=op.f('fk_programme_targets_plan_id_programme_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_targets'))
    )
    with op.batch_alter_table('programme_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_targets_plan_id'), ['plan_id'], unique=False)



def downgrade():
    with op.batch_alter_table('programme_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_targets_plan_id'))

    op.drop_table('programme_targets')
    with op.batch_alter_table('programme_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_plans_province_id'))
        batch_op.drop_index(batch_op.f('ix_programme_plans_former_province_id'))

    op.drop_table('programme_plans')
